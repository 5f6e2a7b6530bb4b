import { run } from "../src/vectors/passive-client.js";
import { vectorFileTests } from "./vector-file.js";

vectorFileTests(
  "passive-client-random.json",
  "a passive client joins by Welcome, processes every epoch's proposals and Commit, and matches each epoch_authenticator",
  run,
  1,
  true,
);
