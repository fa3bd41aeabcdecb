// The edits that make a new library `libs/<name>` known (docs/feature-modules.md, "Wiring a new
// library"). Each edit is a text insertion next to the entries of the same list, so the files keep
// their formatting; an anchor that is not found stops the generator before anything is written.

/** Inserts `line` after the last line that matches `pattern` (a RegExp with the m flag). */
function afterLastLine(text, pattern, line, what) {
  const matches = [
    ...text.matchAll(
      new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
    ),
  ];
  if (!matches.length) throw new Error(`new-feature: cannot find where to add ${what}`);
  const last = matches[matches.length - 1];
  const end = text.indexOf('\n', last.index + last[0].length);
  const at = end < 0 ? text.length : end + 1;
  return text.slice(0, at) + line + '\n' + text.slice(at);
}

/** The alias entry in a JSON map of `"#lib": value,` lines (package.json imports, tsconfig paths). */
const aliasEntry = (text, value, name, what) => {
  const m = /^(\s*)"#[a-z0-9]+": .*,$/m.exec(text);
  if (!m) throw new Error(`new-feature: cannot find where to add ${what}`);
  return afterLastLine(text, /^\s*"#[a-z0-9]+": .*,$/m, `${m[1]}"#${name}": ${value},`, what);
};

/** path (from the repository root) -> (text, names) => new text. */
export const WIRING = {
  'package.json': (text, { name }) =>
    aliasEntry(text, `"./dist/libs/${name}/src/index.js"`, name, 'the #alias to package.json "imports"'),

  'tsconfig.json': (text, { name }) =>
    aliasEntry(text, `["./libs/${name}/src/index.ts"]`, name, 'the path to tsconfig.json "paths"'),

  'jest.config.js': (text, { name }) => {
    const mapper = /('\^#\()([a-z0-9|]+)(\)\$')/;
    if (!mapper.test(text)) throw new Error('new-feature: cannot find the #alias pattern of jest.config.js');
    return text.replace(mapper, `$1$2|${name}$3`);
  },

  'nest-cli.json': (text, { name }) => {
    const end = /\n(\s*)}\n(\s*)}\n}\n?$/;
    const m = end.exec(text);
    if (!m) throw new Error('new-feature: cannot find the end of nest-cli.json "projects"');
    const [, inner, outer] = m;
    const project = `${inner}"${name}": {\n${inner}  "type": "library",\n${inner}  "root": "libs/${name}",\n${inner}  "entryFile": "index",\n${inner}  "sourceRoot": "libs/${name}/src"\n${inner}}`;
    return text.replace(end, `\n${inner}},\n${project}\n${outer}}\n}\n`);
  },

  'apps/api/src/app.module.ts': (text, { name, Pascal }) => {
    const imported = afterLastLine(
      text,
      /^import .* from '#[a-z0-9]+';$/m,
      `import { ${Pascal}Module } from '#${name}';`,
      'the module import',
    );
    const m = /^(\s+)NotificationsModule,$/m.exec(imported) ?? /^(\s+)[A-Z][A-Za-z]*Module,$/m.exec(imported);
    if (!m) throw new Error('new-feature: cannot find the module list of app.module.ts');
    return afterLastLine(
      imported,
      /^\s+[A-Z][A-Za-z]*Module,$/m,
      `${m[1]}${Pascal}Module,`,
      'the module to the app',
    );
  },

  'apps/api/src/persistence.ts': (text, { name }) => {
    let out = afterLastLine(
      text,
      /^import \{ [a-z0-9]+Entities, [a-z0-9]+Migrations \} from '#[a-z0-9]+';$/m,
      `import { ${name}Entities, ${name}Migrations } from '#${name}';`,
      'the persistence import',
    );
    const indent = (/^(\s+)\.\.\.[a-z0-9]+Entities,$/m.exec(out) ?? [, '  '])[1];
    out = afterLastLine(
      out,
      /^\s+\.\.\.[a-z0-9]+Entities,$/m,
      `${indent}...${name}Entities,`,
      'the entities',
    );
    return afterLastLine(
      out,
      /^\s+\.\.\.[a-z0-9]+Migrations,$/m,
      `${indent}...${name}Migrations,`,
      'the migrations',
    );
  },
};

/** What the generator cannot do for you, printed at the end (and listed in docs/feature-modules.md). */
export const BY_HAND = [
  'the contract: add the commands (payload, ack) and events (data) to the typed maps the SDK and the tests use',
  "docs/protocol.md: the feature's commands and events",
  'a new setting: libs/core/src/config/app-config.ts, .env.example and the README table',
  'e2e suites in test/<name>/ (startTestApp, connect, command, waitFor)',
];
