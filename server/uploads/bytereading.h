// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QIODevice>

//! Integers out of image headers, bounds-checked (0 past the end), and exact reads.
namespace natter::server::uploads {

[[nodiscard]] inline quint8 byteAt(const QByteArray &data, qsizetype at)
{
    return at >= 0 && at < data.size() ? quint8(data[at]) : 0;
}
[[nodiscard]] inline int bigEndian16(const QByteArray &data, qsizetype at)
{
    return (byteAt(data, at) << 8) | byteAt(data, at + 1);
}
[[nodiscard]] inline quint32 bigEndian32(const QByteArray &data, qsizetype at)
{
    return (quint32(bigEndian16(data, at)) << 16) | quint32(bigEndian16(data, at + 2));
}
[[nodiscard]] inline int littleEndian16(const QByteArray &data, qsizetype at)
{
    return byteAt(data, at) | (byteAt(data, at + 1) << 8);
}
[[nodiscard]] inline quint32 littleEndian24(const QByteArray &data, qsizetype at)
{
    return quint32(littleEndian16(data, at)) | (quint32(byteAt(data, at + 2)) << 16);
}
[[nodiscard]] inline quint32 littleEndian32(const QByteArray &data, qsizetype at)
{
    return quint32(littleEndian16(data, at)) | (quint32(littleEndian16(data, at + 2)) << 16);
}

//! Reads `count` bytes, or fewer only at the end of `device`.
[[nodiscard]] inline QByteArray readExactly(QIODevice &device, qint64 count)
{
    if (count <= 0)
        return {};
    QByteArray data = device.read(count);
    while (data.size() < count) {
        const QByteArray more = device.read(count - data.size());
        if (more.isEmpty())
            break;
        data.append(more);
    }
    return data;
}

} // namespace natter::server::uploads
