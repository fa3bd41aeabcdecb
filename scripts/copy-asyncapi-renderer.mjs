// Copies the AsyncAPI renderer's browser bundle and stylesheet (@asyncapi/react-component, a
// devDependency: React and the parser are inside the bundle) into dist/asyncapi, where the API
// serves them for /api/asyncapi. The production image then carries 3 MB of static files instead
// of the package's 200-odd dependencies (about 130 MB of node_modules).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const pkg = dirname(createRequire(import.meta.url).resolve('@asyncapi/react-component/package.json'));
const out = 'dist/asyncapi';
mkdirSync(out, { recursive: true });
copyFileSync(join(pkg, 'browser/standalone/index.js'), join(out, 'standalone.js'));
copyFileSync(join(pkg, 'styles/default.min.css'), join(out, 'default.min.css'));
