export * from './api-error';
export * from './field-errors';
export * from './validation.pipe';
export * from './all-exceptions.filter';
export * from './pagination';
export * from './id-param';
