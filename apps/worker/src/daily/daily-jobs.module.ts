import { DynamicModule, Module, Type } from '@nestjs/common';
import { DAILY_JOB_HANDLERS, DailyJobHandler } from './daily-job-handler';
import { DailyJobsProcessor } from './daily-jobs.processor';

/**
 * The daily jobs of `DAILY_JOBS` (@seg/queue). The handlers come from the feature modules, named
 * by the worker module that assembles the app, so this module imports no feature.
 */
@Module({})
export class DailyJobsModule {
  static withHandlers(options: { imports: Type[]; handlers: Type<DailyJobHandler>[] }): DynamicModule {
    return {
      module: DailyJobsModule,
      imports: options.imports,
      providers: [
        {
          provide: DAILY_JOB_HANDLERS,
          inject: options.handlers,
          useFactory: (...handlers: DailyJobHandler[]) => handlers,
        },
        DailyJobsProcessor,
      ],
      exports: [DailyJobsProcessor],
    };
  }
}
