import { Global, Module } from '@nestjs/common';

/**
 * The time now, as one injected service: every rule that depends on it (a check-in code's
 * validity, a meeting closing, the appraisal year) asks the clock, so a test sets the time
 * instead of waiting for it.
 */
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** Provides the one `Clock` to the API and the worker. */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
