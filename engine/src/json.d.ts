// JSON data is imported untyped (typing megabytes of factors would slow the compiler) and
// given its type where it enters the engine.
declare module "*.json" {
  const value: unknown;
  export default value;
}
