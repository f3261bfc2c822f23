// Provided by scripts/build/build.ts when compiling the executable: URL path → embedded file path.
declare module "aniworld:embedded-spa" {
  export const spaFiles: Record<string, string>;
}
