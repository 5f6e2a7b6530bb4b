/**
 * Child process for parallel-pool.test.ts: runs one batch through worker threads, then either closes the
 * pool ("close") or leaves it idle ("idle"). The test checks that the process exits by itself either way.
 */
import { CryptoPool } from "../src/crypto/parallel/index.js";
import { nodeProvider } from "../src/crypto/index.js";

const mode = process.argv[2];
const pool = new CryptoPool({ size: 2, minParallelItems: 1 });
const { publicKey } = nodeProvider.suite(1).hpke.generateKeyPair();
const item = { publicKey, info: new Uint8Array(0), aad: new Uint8Array(0), plaintext: new Uint8Array(32) };
const sealed = await pool.hpkeSealMany(1, [item, item, item, item]);
if (mode === "close") await pool.close();
process.stdout.write(`sealed ${sealed.length} running ${pool.running}\n`);
