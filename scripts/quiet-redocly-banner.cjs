// Redocly CLI 2.x prints a boxed "Node.js 20 support is ending" notice on stderr at every
// start, and no flag or env var turns it off. Node 20 is a supported runtime for this project,
// so the box is noise in our logs and CI annotations: drop that one write, pass the rest on.
const original = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  if (String(chunk).includes("Node.js 20 support is ending")) return true;
  return original(chunk, ...rest);
};
