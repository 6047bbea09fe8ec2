import type { CommandSpec } from '../command';
import { LOGIN } from './login';
import { LOGOUT, SERVERS, WHOAMI } from './account';
import { completionCommand } from './completion';
import { DEPLOY } from './deploy';
import { helpCommand } from './help';
import { DELETE, REBOOT } from './server-actions';
import { STATUS } from './status';
import { VERSION } from './version';

/** Every `launchpad` command, in the order the help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  LOGIN,
  WHOAMI,
  SERVERS,
  DEPLOY,
  REBOOT,
  DELETE,
  LOGOUT,
  STATUS,
  completionCommand(() => COMMANDS),
  helpCommand(() => COMMANDS),
  VERSION,
];
