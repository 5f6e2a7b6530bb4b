import type { Reader, Writer } from "@parley/codec";

/**
 * RFC 9420 §5 label structures. Each pairs an `"MLS 1.0 "`-prefixed label with the value it
 * domain-separates; the helpers in `crypto/labels.ts` build them, these are their wire forms.
 */

/** RFC 9420 §8 KDFLabel, the `info` of ExpandWithLabel. */
export interface KDFLabel {
  readonly length: number;
  readonly label: Uint8Array;
  readonly context: Uint8Array;
}

export function encodeKDFLabel(w: Writer, v: KDFLabel): void {
  w.u16(v.length).opaque(v.label).opaque(v.context);
}

export function decodeKDFLabel(r: Reader, path = "KDFLabel"): KDFLabel {
  return {
    length: r.u16(`${path}.length`),
    label: r.opaque(`${path}.label`),
    context: r.opaque(`${path}.context`),
  };
}

/** RFC 9420 §5.1.2 SignContent, what SignWithLabel signs. */
export interface SignContent {
  readonly label: Uint8Array;
  readonly content: Uint8Array;
}

export function encodeSignContent(w: Writer, v: SignContent): void {
  w.opaque(v.label).opaque(v.content);
}

export function decodeSignContent(r: Reader, path = "SignContent"): SignContent {
  return { label: r.opaque(`${path}.label`), content: r.opaque(`${path}.content`) };
}

/** RFC 9420 §5.1.3 EncryptContext, the HPKE `info` of EncryptWithLabel. */
export interface EncryptContext {
  readonly label: Uint8Array;
  readonly context: Uint8Array;
}

export function encodeEncryptContext(w: Writer, v: EncryptContext): void {
  w.opaque(v.label).opaque(v.context);
}

export function decodeEncryptContext(r: Reader, path = "EncryptContext"): EncryptContext {
  return { label: r.opaque(`${path}.label`), context: r.opaque(`${path}.context`) };
}

/** RFC 9420 §5.2 RefHashInput, what KeyPackageRef and ProposalRef hash. */
export interface RefHashInput {
  readonly label: Uint8Array;
  readonly value: Uint8Array;
}

export function encodeRefHashInput(w: Writer, v: RefHashInput): void {
  w.opaque(v.label).opaque(v.value);
}

export function decodeRefHashInput(r: Reader, path = "RefHashInput"): RefHashInput {
  return { label: r.opaque(`${path}.label`), value: r.opaque(`${path}.value`) };
}
