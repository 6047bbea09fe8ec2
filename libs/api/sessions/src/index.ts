export * from './lib/session-store';
export * from './lib/session.service';
export * from './lib/sessions.module';
export * from './lib/signed-in.guard';
