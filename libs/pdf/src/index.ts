export * from './pdf-document';
export * from './qr-code';
