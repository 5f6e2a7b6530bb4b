/**
 * gRPC server reflection (grpc.reflection.v1 and the older v1alpha, identical on the wire), answered from the
 * protobuf-es descriptors the services were generated with, so `grpcurl list` / `describe` work without .proto
 * files. File answers carry serialized FileDescriptorProtos of the requested file and of every file it
 * (transitively) imports, minus those already sent on the same stream, as grpc-go does.
 */
import {
  create,
  createRegistry,
  fromBinary,
  toBinary,
  type DescFile,
  type DescService,
  type MessageInitShape,
  type Registry,
} from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import {
  ServerReflection,
  ServerReflectionRequestSchema,
  ServerReflectionResponseSchema,
  type ServerReflectionRequest,
} from "@parley/proto/grpc/reflection/v1/reflection_pb";
import * as alpha from "@parley/proto/grpc/reflection/v1alpha/reflection_pb";
import { Code } from "./errors.js";
import { bindService, type ServiceBinding } from "./handlers.js";

type Response = MessageInitShape<typeof ServerReflectionResponseSchema>;
type Answer = NonNullable<Response["messageResponse"]>;

/** The files, symbols and service names reflection can describe. */
class Catalog {
  readonly files = new Map<string, DescFile>();
  readonly registry: Registry;

  constructor(
    readonly serviceNames: readonly string[],
    services: readonly DescService[],
  ) {
    for (const s of services) this.addFile(s.file);
    this.registry = createRegistry(...this.files.values());
  }

  private addFile(f: DescFile): void {
    if (this.files.has(f.proto.name)) return;
    this.files.set(f.proto.name, f);
    for (const d of f.dependencies) this.addFile(d);
  }

  /** The file defining a fully-qualified symbol; members (methods, fields) resolve through their parent. */
  fileOfSymbol(symbol: string): DescFile | undefined {
    const name = symbol.startsWith(".") ? symbol.slice(1) : symbol;
    const t = this.registry.get(name);
    if (t !== undefined) return t.file;
    const parent = this.registry.get(name.slice(0, Math.max(0, name.lastIndexOf("."))));
    if (parent?.kind === "service" && parent.methods.some((m) => `${parent.typeName}.${m.name}` === name)) {
      return parent.file;
    }
    if (parent?.kind === "message" && parent.fields.some((f) => `${parent.typeName}.${f.name}` === name)) {
      return parent.file;
    }
    return undefined;
  }
}

function error(code: Code, message: string): Answer {
  return { case: "errorResponse", value: { errorCode: code, errorMessage: message } };
}

/** `file` and its imports not yet sent on this stream, file first. */
function fileResponse(file: DescFile, sent: Set<string>): Answer {
  const out: Uint8Array[] = [];
  const visit = (f: DescFile): void => {
    if (sent.has(f.proto.name)) return;
    sent.add(f.proto.name);
    out.push(toBinary(FileDescriptorProtoSchema, f.proto));
    for (const d of f.dependencies) visit(d);
  };
  sent.delete(file.proto.name);
  visit(file);
  return { case: "fileDescriptorResponse", value: { fileDescriptorProto: out } };
}

function answer(c: Catalog, req: ServerReflectionRequest, sent: Set<string>): Answer {
  const r = req.messageRequest;
  switch (r.case) {
    case "listServices":
      return { case: "listServicesResponse", value: { service: c.serviceNames.map((name) => ({ name })) } };
    case "fileByFilename": {
      const f = c.files.get(r.value);
      return f === undefined ? error(Code.NotFound, `unknown file '${r.value}'`) : fileResponse(f, sent);
    }
    case "fileContainingSymbol": {
      const f = c.fileOfSymbol(r.value);
      return f === undefined ? error(Code.NotFound, `unknown symbol '${r.value}'`) : fileResponse(f, sent);
    }
    case "fileContainingExtension": {
      const m = c.registry.getMessage(r.value.containingType);
      const ext = m === undefined ? undefined : c.registry.getExtensionFor(m, r.value.extensionNumber);
      return ext === undefined ? error(Code.NotFound, "unknown extension") : fileResponse(ext.file, sent);
    }
    case "allExtensionNumbersOfType": {
      if (c.registry.getMessage(r.value) === undefined)
        return error(Code.NotFound, `unknown type '${r.value}'`);
      const numbers: number[] = [];
      for (const t of c.registry)
        if (t.kind === "extension" && t.extendee.typeName === r.value) numbers.push(t.number);
      return {
        case: "allExtensionNumbersResponse",
        value: { baseTypeName: r.value, extensionNumber: numbers },
      };
    }
    case undefined:
      return error(Code.InvalidArgument, "empty reflection request");
  }
}

async function* serve(
  c: Catalog,
  requests: AsyncIterable<ServerReflectionRequest>,
): AsyncGenerator<Response> {
  const sent = new Set<string>();
  for await (const req of requests) {
    yield { validHost: req.host, originalRequest: req, messageResponse: answer(c, req, sent) };
  }
}

/** v1alpha speaks the same bytes: translate each message through the wire format and reuse the v1 logic. */
async function* asV1(
  requests: AsyncIterable<alpha.ServerReflectionRequest>,
): AsyncGenerator<ServerReflectionRequest> {
  for await (const r of requests)
    yield fromBinary(ServerReflectionRequestSchema, toBinary(alpha.ServerReflectionRequestSchema, r));
}

/**
 * Reflection services describing `services` (pass every bound service, including health and reflection
 * themselves, so they are listed too).
 */
export function reflectionServices(services: readonly DescService[]): ServiceBinding[] {
  const names = [
    ...services.map((s) => s.typeName),
    ServerReflection.typeName,
    alpha.ServerReflection.typeName,
  ];
  const catalog = new Catalog([...new Set(names)], [...services, ServerReflection, alpha.ServerReflection]);
  return [
    bindService(ServerReflection, { serverReflectionInfo: (requests) => serve(catalog, requests) }),
    bindService(alpha.ServerReflection, {
      async *serverReflectionInfo(requests) {
        for await (const resp of serve(catalog, asV1(requests))) {
          const bytes = toBinary(
            ServerReflectionResponseSchema,
            create(ServerReflectionResponseSchema, resp),
          );
          yield fromBinary(alpha.ServerReflectionResponseSchema, bytes);
        }
      },
    }),
  ];
}
