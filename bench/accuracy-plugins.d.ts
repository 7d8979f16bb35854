// Types for the two ESLint security plugins that bench/accuracy.ts runs side by side with ours
// (neither ships its own declarations).
declare module 'eslint-plugin-security' {
  const plugin: { rules: Record<string, unknown>; configs: Record<string, unknown> };
  export default plugin;
}
declare module '@microsoft/eslint-plugin-sdl' {
  const plugin: { rules: Record<string, unknown>; configs: Record<string, unknown> };
  export default plugin;
}
