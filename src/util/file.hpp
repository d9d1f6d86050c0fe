#pragma once
// Reading input files without hanging on one: what is not a regular file (a FIFO, a socket, a device,
// a directory) is refused from lstat and stat alone, before anything opens it; a stream (standard
// input) is read so that SIGINT/SIGTERM end the wait.
#include <filesystem>
#include <optional>
#include <string>

namespace migrate::util {

// Why `path` cannot be read as an input file, found without opening it: "a FIFO (named pipe), not a
// regular file", "a symbolic link loop", "a dangling symbolic link", "permission denied", "no such
// file or directory". nullopt for a readable regular file or a symbolic link to one.
std::optional<std::string> not_a_regular_file(const std::filesystem::path& path);

// The whole of a regular file; nullopt with the reason in `why` when it is not one or cannot be read.
// Checked with stat before it is opened (as above when that finds it is not one; a file that cannot be
// read is found by the open, with the same reason); then opened with O_NONBLOCK and checked again with fstat, so
// that a file swapped for a FIFO in between cannot hang the read either.
std::optional<std::string> read_regular_file(const std::filesystem::path& path, std::string* why);

// Reads a descriptor (standard input) to its end. Throws Interrupted when SIGINT or SIGTERM arrives
// first (a pipe that never writes cannot hold the process), and InputError naming `shown` when the
// read fails.
std::string read_stream(int fd, const std::string& shown);

} // namespace migrate::util
