import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "engine/test/**/*.test.ts",
      "server/test/**/*.test.ts",
      "addin/test/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    testTimeout: 60_000,
  },
});
