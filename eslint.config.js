// Lint: strict TypeScript rules plus the direction of dependencies between the rooms of src/
// (style-anchors.md §5). Each room lists the rooms it may import; everything else is refused.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOMS = [
  'core',
  'io',
  'grid',
  'fft',
  'spectra',
  'model',
  'mask',
  'pseudo',
  'symmetry',
  'scaling',
  'pipeline',
  'cli',
];

/** Rooms each room may import at run time (`import type` from io is always allowed: the Structure type). */
const ALLOWED = {
  core: [],
  io: ['core', 'grid'],
  grid: ['core', 'fft'],
  fft: ['core'],
  spectra: ['core', 'grid', 'fft'],
  mask: ['core', 'grid', 'fft', 'spectra'],
  symmetry: ['core', 'grid', 'fft'],
  model: ['core', 'grid', 'fft', 'spectra'],
  scaling: ['core', 'grid', 'fft', 'spectra'],
  pseudo: ['core', 'grid', 'fft', 'spectra', 'model', 'mask'],
  pipeline: ROOMS.filter((r) => r !== 'cli'),
  cli: ROOMS,
};
/** Only these rooms may touch the file system, the process or the console. */
const SIDE_EFFECT_ROOMS = new Set(['io', 'pipeline', 'cli']);

function roomRules(room) {
  const forbidden = ROOMS.filter((r) => r !== room && !ALLOWED[room].includes(r));
  const patterns = forbidden.map((r) => ({
    group: [`../${r}/*`, `../../${r}/*`],
    message: `src/${room} may not import src/${r} (see eslint.config.js ALLOWED).`,
    allowTypeImports: r === 'io',
  }));
  const paths = SIDE_EFFECT_ROOMS.has(room)
    ? []
    : ['node:fs', 'node:fs/promises', 'fs', 'node:process', 'node:child_process'].map((name) => ({
        name,
        message: `src/${room} is numerical: only io/, pipeline/ and cli/ touch files and processes.`,
      }));
  return {
    files: [`src/${room}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }],
      ...(SIDE_EFFECT_ROOMS.has(room) ? {} : { 'no-console': 'error' }),
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test/fixtures/**', 'tools/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.mjs'] } },
    },
    rules: {
      'no-fallthrough': 'error',
      'no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/require-await': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { 'no-restricted-syntax': 'off' }, // tool configs (this file) must export default
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // node:test's test()/describe() return promises the runner awaits itself.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  ...ROOMS.map(roomRules),
);
