// Jest 30 in native ESM mode (see package.json scripts: --experimental-vm-modules).
// ts-jest transpiles only; `npm run typecheck` does the type checking once for the whole tree.
const moduleNameMapper = {
  '^#(contract|core|realtime|panic|incidents|messaging|patrols|attendance|tracking|notifications|client)$':
    '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
};
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper,
  transform,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/setup-reflect.ts'],
};
export default {
  // testTimeout is a global option: inside a project entry Jest ignores it (e2e tests ran with 5 s).
  testTimeout: 60000,
  // In native ESM mode every suite's module graph stays in the process that ran it: one process
  // for the whole e2e run grew to 4 GB and each suite ran slower than the one before. A memory
  // limit makes Jest run suites in worker processes (even with one worker, on two cores) and
  // replace a worker that ends a suite above it.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.mjs'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
      testTimeout: 60000,
    },
  ],
};
