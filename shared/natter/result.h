// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/apierror.h"

#include <utility>
#include <variant>

namespace natter {

//! A value or the ApiError that explains why there is none. Errors travel as values across
//! threads and Qt boundaries, and are mapped to an HTTP status in one place.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(ApiError error) : m_state(std::move(error)) {}

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T &value() const & { return std::get<T>(m_state); }
    [[nodiscard]] T &value() & { return std::get<T>(m_state); }
    [[nodiscard]] T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

    [[nodiscard]] const ApiError &error() const { return std::get<ApiError>(m_state); }

private:
    std::variant<T, ApiError> m_state;
};

//! Result of an operation that yields nothing but may fail.
struct Done
{
};
using Status = Result<Done>;

} // namespace natter
