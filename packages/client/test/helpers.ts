import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export const API_KEY = "lt_pat_4f9c1e0b7d2a_secret_value";

export interface Recorded {
  request: Request;
  body: string;
}

/** A fetch stand-in that keeps every Request it was given and answers from `answer`. */
export function recordingFetch(answer: (request: Request, index: number) => Response | Promise<Response>) {
  const calls: Recorded[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    calls.push({ request, body: await request.clone().text() });
    return answer(request, calls.length - 1);
  };
  return { fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export const tier = {
  uuid: "ea77edd4-5a5e-4a6e-aeda-55038c43c839",
  name: "Krusty Krew",
  description: "Krusty Krew Members only",
  position: 1,
  media: null,
};

export interface Hit {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  at: number;
}

export interface TestServer {
  url: string;
  hits: Hit[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 whose behaviour each test scripts, hit by hit. */
export async function startServer(
  handle: (req: IncomingMessage, res: ServerResponse, hit: Hit, index: number) => void | Promise<void>,
): Promise<TestServer> {
  const hits: Hit[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const hit = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now() };
    hits.push(hit);
    await handle(req, res, hit, hits.length - 1);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
