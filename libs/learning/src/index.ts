export * from './certificate-facts.repository';
export * from './certificate-document';
export * from './learning.module';
