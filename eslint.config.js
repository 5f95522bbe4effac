import babelParser from '@babel/eslint-parser';

/**
 * Lint rules for what an import graph cannot show (the imports themselves are checked by
 * .dependency-cruiser.cjs): only entrypoints/composition/load-config.ts reads the environment, however it
 * is spelled, and the domain and the application never touch `process` at all.
 * TypeScript 7 has no compiler API for typescript-eslint, so Babel's TypeScript syntax reads the sources.
 */
const typescriptSyntax = {
  parser: babelParser,
  parserOptions: {
    requireConfigFile: false,
    babelOptions: { babelrc: false, configFile: false, presets: [['@babel/preset-typescript', { allowDeclareFields: true }]] },
  },
};

const ENV = 'Only src/entrypoints/composition/load-config.ts reads the environment; take settings from the validated config.';

export default [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/entrypoints/composition/load-config.ts'],
    languageOptions: typescriptSyntax,
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: ENV },
        { object: 'globalThis', property: 'process', message: ENV },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][computed=true]", message: ENV },
        { selector: "VariableDeclarator[init.name='process'] > ObjectPattern", message: ENV },
        { selector: "VariableDeclarator[init.name='process'] > Identifier.id", message: ENV },
        { selector: "AssignmentExpression[right.name='process']", message: ENV },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'node:process', message: ENV }, { name: 'process', message: ENV }] }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/application/**/*.ts'],
    languageOptions: typescriptSyntax,
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'The domain and the application are pure: no process.' }],
    },
  },
];
