// SPDX-License-Identifier: Apache-2.0
#include "auth/signingkeypolicy.h"

#include <QSet>

#include <array>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr qsizetype kMinBytes = 32;
//! A rough lower bound: what the key's own byte frequencies say it could hold.
constexpr double kMinEstimatedBits = 128;

ApiError weak(const QString &why)
{
    return ApiError::validation(
        u"NATTER_JWT_SIGNING_KEY"_s,
        u"%1. Make one with `openssl rand -base64 48` and put it in /etc/natter/natter.env"_s.arg(
            why));
}

bool looksLikePlaceholder(const QByteArray &key)
{
    const QByteArray lower = key.toLower();
    for (const char *word : {"change_me", "changeme", "change-me", "example", "replace",
                             "random_bytes", "your-secret", "your_secret"}) {
        if (lower.contains(word))
            return true;
    }
    return false;
}

//! True when the key is one shorter string repeated ("abcabcabc...").
bool isRepeatedPattern(const QByteArray &key)
{
    for (qsizetype period = 1; period <= key.size() / 2; ++period) {
        bool repeats = true;
        for (qsizetype i = period; i < key.size() && repeats; ++i)
            repeats = key[i] == key[i - period];
        if (repeats)
            return true;
    }
    return false;
}

double estimatedBits(const QByteArray &key)
{
    std::array<int, 256> counts{};
    for (const char byte : key)
        ++counts[static_cast<unsigned char>(byte)];
    double perByte = 0;
    for (const int count : counts) {
        if (count == 0)
            continue;
        const double p = double(count) / double(key.size());
        perByte -= p * std::log2(p);
    }
    return perByte * double(key.size());
}

} // namespace

Status checkSigningKey(const QByteArray &key)
{
    if (key.size() < kMinBytes)
        return weak(u"must be at least 32 bytes"_s);
    if (looksLikePlaceholder(key))
        return weak(u"is still the placeholder from the example configuration"_s);
    if (isRepeatedPattern(key))
        return weak(u"is a short pattern repeated, which anyone can guess"_s);
    if (estimatedBits(key) < kMinEstimatedBits)
        return weak(u"has too little randomness (too few different characters)"_s);
    return Done{};
}

} // namespace natter::server
