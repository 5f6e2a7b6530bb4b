import { Code, registerErrorMapping } from "@parley/kit";
import { PoolFullError, SequencerStoppedError } from "./sequencer/errors.js";

/**
 * The key log's typed errors and their gRPC codes, registered with the kit's single mapping.
 * Their messages describe load or lifecycle, never secrets, so they may reach clients.
 */
export function registerKeylogErrors(): void {
  registerErrorMapping(PoolFullError, Code.ResourceExhausted);
  registerErrorMapping(SequencerStoppedError, Code.Unavailable);
}
