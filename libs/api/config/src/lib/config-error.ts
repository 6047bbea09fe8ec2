import { StartupError } from './startup-error';

/** A configuration value that fails validation; the message names the variable, never its value. */
export class ConfigError extends StartupError {
  override readonly name = 'ConfigError';
}
