/** One Jest run for unit tests beside the code and end-to-end tests in test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  transform: {
    // Type checking is `npm run typecheck`; tests only transpile, which keeps them fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    // The web app imports single files of @seg/rules (see apps/web/vite.config.mts).
    '^@seg/rules/(.*)$': '<rootDir>/libs/rules/src/$1',
    '^@seg/(config|db|queue|mail|auth|http|rules|links|notices|audit|privacy|pdf|learning|records)$':
      '<rootDir>/libs/$1/src',
  },
  testTimeout: 60_000,
  // Each e2e file owns a database and a Redis prefix, so files may run side by side. Three on
  // two cores: the browser and mail tests spend most of their time waiting (web.e2e alone: 167 s
  // of which 60 s of CPU), and a third file runs in those waits.
  maxWorkers: 3,
};
