import type { Server } from "node:http";
import { ALLOW_ORIGIN } from "./cors.js";

/** A request the HTTP parser rejects still gets a JSON error body, with the headers every answer has. */
export function answerUnparsableRequests(server: Server, rateLimit: string, rateRemaining: string): void {
  const common = `x-ratelimit-limit: ${rateLimit}\r\nx-ratelimit-remaining: ${rateRemaining}\r\naccess-control-allow-origin: ${ALLOW_ORIGIN}\r\n`;
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason] = error.code === "HPE_HEADER_OVERFLOW" ? [431, "Request Header Fields Too Large"] : [400, "Bad Request"];
    const body = JSON.stringify({ message: `${reason}: ${error.message}`, status_code: status });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${common}Connection: close\r\n\r\n${body}`,
    );
  });
}
