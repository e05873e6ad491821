#!/usr/bin/env node
// The CLI is written in TypeScript; tsx's loader runs it without a build step.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
