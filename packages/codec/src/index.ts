export { CodecError } from "./errors.js";
export { Writer, encode } from "./writer.js";
export { Reader, decode } from "./reader.js";
export { VARINT_MAX, varintSize } from "./varint.js";
export { bytesEqual, concatBytes, toHex, fromHex } from "./bytes.js";
