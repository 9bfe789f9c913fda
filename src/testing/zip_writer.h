// Test support: writes a zip file from (entry name, bytes) pairs with libzip, optionally marking
// entries as symbolic links, so that archive tests can build hostile zips.
#pragma once

#include <sys/stat.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace pl::testing {

struct ZipEntry {
  std::string name;
  std::string bytes;
  bool symlink = false;
};

// Returns false if libzip fails.
inline bool WriteZip(const std::string& path, const std::vector<ZipEntry>& entries) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) return false;
  for (const auto& e : entries) {
    zip_source_t* src = zip_source_buffer(z, e.bytes.data(), e.bytes.size(), 0);
    if (!src) return zip_discard(z), false;
    zip_int64_t i = zip_file_add(z, e.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (i < 0) return zip_source_free(src), zip_discard(z), false;
    if (e.symlink) {
      zip_file_set_external_attributes(z, static_cast<zip_uint64_t>(i), 0, ZIP_OPSYS_UNIX,
                                       (S_IFLNK | 0777) << 16);
    }
  }
  return zip_close(z) == 0;
}

}  // namespace pl::testing
