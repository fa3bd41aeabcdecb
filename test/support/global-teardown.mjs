export default async function globalTeardown() {
  await globalThis.__PS_EMBEDDED__?.stop();
}
