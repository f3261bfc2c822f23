// Imported `with { type: "file" }` by server/auth/password-policy.ts: the default export is the file's path.
declare module "@zxcvbn-ts/language-common/dist/passwords.json.mjs" {
  const path: string;
  export default path;
}
