// Helpers shared by the SociStore's translation units.
#pragma once

#include <soci/soci.h>

#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace pl::store::internal {

Status FromDatabaseError(std::string_view what, std::string_view message);

inline int64_t Micros(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp FromMicros(long long v) { return Timestamp(std::chrono::microseconds(v)); }

// Runs `f`, turning database exceptions into a Status naming `what`.
template <typename F>
auto Guard(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const soci::soci_error& e) {
    return FromDatabaseError(what, e.what());
  } catch (const std::exception& e) {
    return FromDatabaseError(what, e.what());
  }
}

}  // namespace pl::store::internal
