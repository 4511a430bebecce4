// SPDX-License-Identifier: Apache-2.0
#include "natter/frame.h"

#include "natter/events.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

using namespace Qt::Literals::StringLiterals;

namespace natter {
namespace {

bool isPrintableAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

} // namespace

Result<Frame> Frame::parse(QByteArrayView utf8)
{
    if (utf8.size() > kMaxBytes)
        return ApiError{
            ErrorCode::PayloadTooLarge, u"A frame may hold at most %1 bytes."_s.arg(kMaxBytes), {}};
    // QJsonDocument replaces invalid UTF-8 silently; refuse it instead, so what is stored is
    // what was sent.
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(utf8);
    if (decoder.hasError())
        return ApiError::badRequest(u"The frame is not valid UTF-8."_s);
    Q_UNUSED(text)

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(utf8.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ApiError::badRequest(u"The frame is not JSON: %1 at offset %2."_s.arg(
            parseError.errorString(), QString::number(parseError.offset)));
    if (!document.isObject())
        return ApiError::badRequest(u"A frame must be a JSON object."_s);
    const QJsonObject object = document.object();

    Frame frame;
    const QJsonValue type = object.value(u"type"_s);
    if (!type.isString() || type.toString().isEmpty())
        return ApiError::badRequest(u"A frame needs a \"type\" string."_s);
    frame.type = type.toString();
    if (frame.type.size() > kMaxTypeLength || !isPrintableAscii(frame.type))
        return ApiError::badRequest(u"The frame's \"type\" is not an event name."_s);

    const QJsonValue id = object.value(u"id"_s);
    if (!id.isUndefined() && !id.isNull()) {
        if (!id.isString())
            return ApiError::badRequest(u"The frame's \"id\" must be a string."_s);
        frame.id = id.toString();
        if (frame.id.size() > kMaxIdLength || !isPrintableAscii(frame.id))
            return ApiError::badRequest(
                u"The frame's \"id\" must be 1 to %1 printable ASCII characters."_s.arg(
                    kMaxIdLength));
    }

    const QJsonValue data = object.value(u"data"_s);
    if (!data.isUndefined() && !data.isNull()) {
        if (!data.isObject())
            return ApiError::badRequest(u"The frame's \"data\" must be an object."_s);
        frame.data = data.toObject();
    }

    const QJsonValue error = object.value(u"error"_s);
    if (!error.isUndefined() && !error.isNull()) {
        if (!error.isObject() || !error.toObject().value(u"code"_s).isString())
            return ApiError::badRequest(u"The frame's \"error\" must be an object with a code."_s);
        frame.error = ApiError::fromJson(error.toObject());
    }
    return frame;
}

QByteArray Frame::serialize() const
{
    QJsonObject object{{u"type"_s, type}, {u"data"_s, data}};
    if (!id.isEmpty())
        object.insert(u"id"_s, id);
    if (error)
        object.insert(u"error"_s, error->toJson());
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Frame Frame::event(const QString &type, QJsonObject data)
{
    return Frame{type, {}, std::move(data), std::nullopt};
}

Frame Frame::ack(const QString &id, QJsonObject data)
{
    return Frame{QString(events::kAck), id, std::move(data), std::nullopt};
}

Frame Frame::failure(const QString &id, const ApiError &error)
{
    return Frame{QString(events::kError), id, {}, error};
}

} // namespace natter
