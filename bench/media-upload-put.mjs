// The upload of bench/media-upload.mjs in its own process, so that pushing 200 MB does not hold
// up the event loop that timestamps the viewers' frames (which would add the client's own delay
// to the gaps measured). Prints {"status","millis","bodySentMillis"} as JSON on stdout.
//   node bench/media-upload-put.mjs URL FILE   (bearer token in CUBEKVM_TOKEN)
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';

const [url, file] = process.argv.slice(2);
const size = statSync(file).size;
const started = performance.now();
let bodySentMillis = null;
const source = createReadStream(file, { highWaterMark: 256 * 1024 });
source.on('end', () => {
  bodySentMillis = Math.round(performance.now() - started);
});
const response = await fetch(url, {
  method: 'PUT',
  headers: { Authorization: `Bearer ${process.env.CUBEKVM_TOKEN}`, 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
  body: Readable.toWeb(source),
  duplex: 'half',
});
const answer = await response.text();
process.stdout.write(JSON.stringify({ status: response.status, answer, millis: Math.round(performance.now() - started), bodySentMillis }) + '\n');
