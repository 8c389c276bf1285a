// Drives Cloudinary's Node SDK (unpatched) against the emulator: uploader.upload_large with a signature made
// elsewhere, the way a browser or app uses the backend's signed parameters. CLOUDINARY_URL (key and cloud only,
// no secret: the SDK must not sign anything itself) points upload_prefix at the emulator.
// Usage: node upload-large.js '<json: {"file": path, "options": {...}}>'  -> prints {"result": ...} or {"error": ...}
const cloudinary = require('cloudinary').v2;

const { file, options } = JSON.parse(process.argv[2]);
let answered = false;
cloudinary.uploader.upload_large(file, options, (error, result) => {
  // upload_large calls back once: with the final chunk's answer, or with the first error
  if (answered) {
    return;
  }
  answered = true;
  process.stdout.write(JSON.stringify(error ? { error } : { result }) + '\n');
});
