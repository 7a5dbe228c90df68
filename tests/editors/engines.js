#!/usr/bin/env node
// Run documents through the language services editors embed, and print what they report as JSON.
//
// stdin:  {"schemaDir": "/abs/schema", "jobs": [{"id", "engine": "json"|"yaml", "schema": "5.11/score-s3.schema.json",
//          "file": "env.json", "text", "hover": [[line, character]], "complete": [[line, character]]}]}
// stdout: [{"id", "diagnostics": [{"line", "character", "severity", "message", "deprecated"}],
//           "hover": [markdown or null], "complete": [[{"label", "detail", "documentation", "insertText"}]]}]
//
// vscode-json-languageservice is the engine of VS Code's JSON support (and of vscode-json-languageserver,
// which Neovim's jsonls runs); yaml-language-server is Red Hat's YAML extension and Neovim's yamlls.
'use strict';

const fs = require('fs');
const path = require('path');
const json = require('vscode-json-languageservice');
const yaml = require('yaml-language-server');
const { TextDocument } = require('vscode-languageserver-textdocument');

const BASE = 'https://overture-stack.github.io/score-lint/schema/';
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

function schemaRequest(schemaDir) {
  return async (uri) => {
    if (uri.startsWith(BASE)) {
      return fs.readFileSync(path.join(schemaDir, uri.slice(BASE.length)), 'utf8');
    }
    if (uri.startsWith('file://')) {
      return fs.readFileSync(new URL(uri), 'utf8');
    }
    throw new Error(`no network in tests: ${uri}`);
  };
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

async function main() {
  const request = JSON.parse(readStdin());
  const out = [];
  for (const job of request.jobs) {
    out.push(await (job.engine === 'yaml' ? runYaml : runJson)(job, request.schemaDir));
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
