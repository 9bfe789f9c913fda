// Typed ids: a PersonId cannot be passed where a TeamId is expected. Values are the store's
// integer keys; 0 means "none".
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace pl {

template <typename Tag>
struct Id {
  int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

using PersonId = Id<struct PersonTag>;
using TeamId = Id<struct TeamTag>;
using SkillId = Id<struct SkillTag>;
using UserId = Id<struct UserTag>;

}  // namespace pl

template <typename Tag>
struct std::hash<pl::Id<Tag>> {
  size_t operator()(pl::Id<Tag> id) const noexcept { return std::hash<int64_t>{}(id.value); }
};
