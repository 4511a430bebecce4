// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/apierror.h"
#include "natter/result.h"

#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace natter {

//! One WebSocket text frame of the contract: `{"type", "id"?, "data"?, "error"?}`. The server
//! and the desktop app parse and write frames with this one type, so both sides refuse the
//! same malformed input with the same words.
struct Frame
{
    //! The largest frame either side accepts, in bytes of UTF-8. A message body is at most
    //! 4000 code points (16 000 bytes) and its envelope is small; anything far past that is
    //! not a frame a well-behaved peer sends.
    static constexpr qsizetype kMaxBytes = 64 * 1024;
    //! Request ids are echoed back; keep them short and printable.
    static constexpr qsizetype kMaxIdLength = 64;
    //! Event types are short dotted names.
    static constexpr qsizetype kMaxTypeLength = 64;

    QString type;
    //! The request id a client chose (echoed in the ack/error); empty when none.
    QString id;
    QJsonObject data;
    //! Set only on `error` frames.
    std::optional<ApiError> error;

    //! Parses one text frame. Refuses (as `bad_request`, or `payload_too_large` past
    //! kMaxBytes) invalid UTF-8, anything but a JSON object, a missing or empty `type`, a
    //! non-string or overlong `type`/`id`, a `data` that is not an object and an `error` that
    //! is not an object with a string `code`. Unknown top-level fields are ignored.
    [[nodiscard]] static Result<Frame> parse(QByteArrayView utf8);

    //! The compact JSON text of this frame; `data` is written even when empty so clients can
    //! always read `frame.data.x`.
    [[nodiscard]] QByteArray serialize() const;

    //! A server event: `{"type", "data"}`.
    [[nodiscard]] static Frame event(const QString &type, QJsonObject data);
    //! The answer to a request that carried `id`.
    [[nodiscard]] static Frame ack(const QString &id, QJsonObject data = {});
    //! `{"type":"error","id"?,"error":{"code","message","fields"?}}`.
    [[nodiscard]] static Frame failure(const QString &id, const ApiError &error);

    friend bool operator==(const Frame &, const Frame &) = default;
};

} // namespace natter
