#!/usr/bin/env node
// `npm run api:types`: writes the OpenAPI document of the built API (`nest build api` first) and
// the web app's types generated from it. No database or Redis is needed: Nest builds the module
// graph in preview mode, which reads the controllers' metadata without running any provider.
// `--check` compares instead of writing: test/openapi-document.spec.ts fails while either committed
// file is stale.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const DOCUMENT_FILE = path.join(root, 'apps/api/openapi.json');
const TYPES_FILE = path.join(root, 'apps/web/src/api/openapi.generated.ts');

async function buildDocument() {
  const { NestFactory } = require('@nestjs/core');
  const built = (file) => path.join(root, 'dist', file);
  const { AppModule } = require(built('apps/api/src/app.module'));
  const { createApiDocument } = require(built('apps/api/src/api-document'));
  const { loadConfig } = require(built('libs/config/src'));
  const app = await NestFactory.create(AppModule.forRoot(loadConfig({})), { preview: true, logger: false });
  try {
    return createApiDocument(app);
  } finally {
    await app.close();
  }
}

function documentText(document) {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function typesText(document) {
  const { default: openapiTS, astToString, COMMENT_HEADER } = require('openapi-typescript');
  // A deep copy: the generator annotates the object it is given.
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)), {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    alphabetize: true,
  });
  return `${COMMENT_HEADER}// Regenerate with \`npm run api:types\` after changing a route or DTO of the API.\n\n${astToString(ast)}`;
}

/** Writes both files, or with `--check` only says which committed one differs (exit code 1). */
async function main(check) {
  const document = await buildDocument();
  const files = [
    [DOCUMENT_FILE, documentText(document)],
    [TYPES_FILE, await typesText(document)],
  ];
  if (check) {
    const stale = files
      .filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text)
      .map(([file]) => path.relative(root, file));
    process.stdout.write(stale.length ? `Stale: ${stale.join(', ')}; run npm run api:types\n` : 'Up to date\n');
    process.exitCode = stale.length ? 1 : 0;
    return;
  }
  for (const [file, text] of files) fs.writeFileSync(file, text);
  process.stdout.write(`Wrote ${files.map(([file]) => path.relative(root, file)).join(' and ')}\n`);
}

if (require.main === module) {
  main(process.argv.includes('--check')).catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
}
