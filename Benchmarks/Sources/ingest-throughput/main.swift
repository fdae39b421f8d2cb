// Reads a recording with GaitIngest only (bytes → rows → uniform samples, read(2) into a reused
// buffer, exactly as `gait analyze` does) and prints one line: bytes, samples, seconds, MB/s.
// Usage: ingest-throughput FILE [RATE_HZ]   (the rate for files without a time column)
import Foundation
import GaitCore
import GaitIngest

guard (2...3).contains(CommandLine.arguments.count) else {
    FileHandle.standardError.write(Data("usage: ingest-throughput FILE [RATE_HZ]\n".utf8))
    exit(2)
}
let path = CommandLine.arguments[1]
let rate = CommandLine.arguments.count == 3 ? Double(CommandLine.arguments[2]).map { SamplingRate(hz: $0) } : nil
let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
let start = DispatchTime.now().uptimeNanoseconds
var samples = 0
var checksum = 0.0
do {
    _ = try RecordingFileReader.read(options: ReaderOptions(path: path, rate: rate), chunkSize: 1 << 20) { events in
        for case .samples(let m) in events {
            samples += m.count
            // Touch the values so the work cannot be optimised away.
            if let a = m.acc.last { checksum += a.x }
        }
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
print(String(format: "%d bytes, %d samples, %.4f s, %.1f MB/s (checksum %.3f)", bytes, samples, seconds,
             Double(bytes) / 1e6 / seconds, checksum))
