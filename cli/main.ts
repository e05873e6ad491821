import { Command } from "commander";
import { ENGINE_VERSION } from "@offgridflow/engine";
import { registerEstimate } from "./commands/estimate.ts";
import { registerFactors } from "./commands/factors.ts";
import { registerAdmin } from "./commands/admin.ts";
import { registerService } from "./commands/service.ts";
import { registerMap } from "./commands/map.ts";

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const program = new Command("offgridflow")
  .description("OffGridFlow: GHG Protocol emissions with full provenance")
  .version(ENGINE_VERSION);
registerEstimate(program);
registerFactors(program);
registerService(program);
registerAdmin(program);
registerMap(program);
await program.parseAsync();
