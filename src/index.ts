// talos-sim public API: explicit named exports only (the CLI is not part of it).
export {};
