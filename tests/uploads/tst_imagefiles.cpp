// SPDX-License-Identifier: Apache-2.0
// The upload checks on their own: the type from the bytes, dimensions from the headers (bombs
// refused unread), metadata stripped from every format, thumbnails and their checks.
#include "imagesamples.h"
#include "uploads/imageformat.h"
#include "uploads/imageprobe.h"
#include "uploads/localfilestore.h"
#include "uploads/metadatastripper.h"
#include "uploads/thumbnailer.h"
#include "uploads/uploadprocessor.h"

#include <QBuffer>
#include <QImage>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server::uploads;
using namespace natter::testing;

namespace {

Result<ImageInfo> probe(const QByteArray &bytes, const ImageLimits &limits = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    const auto format = sniffImageFormat(bytes.left(kSniffBytes));
    if (!format)
        return ApiError{ErrorCode::UnsupportedMediaType, u"not an image"_s, {}};
    return probeImage(buffer, *format, limits);
}

//! The stripped copy of `bytes` (written to a real file: the WebP fix-up seeks).
QByteArray stripped(const QByteArray &bytes)
{
    auto info = probe(bytes);
    if (!info)
        return {};
    QBuffer in;
    in.setData(bytes);
    in.open(QIODevice::ReadOnly);
    QTemporaryFile out;
    if (!out.open())
        return {};
    if (!stripMetadata(info.value(), in, out))
        return {};
    out.seek(0);
    return out.readAll();
}

} // namespace

class TestImageFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theTypeComesFromTheBytes()
    {
        QCOMPARE(sniffImageFormat(samples::encode(samples::picture(8, 8), "png")),
                 ImageFormat::Png);
        QCOMPARE(sniffImageFormat(samples::encode(samples::picture(8, 8), "jpeg")),
                 ImageFormat::Jpeg);
        QCOMPARE(sniffImageFormat(samples::gif(8, 8)), ImageFormat::Gif);
        QCOMPARE(sniffImageFormat(samples::encode(samples::picture(8, 8), "webp")),
                 ImageFormat::WebP);
        QVERIFY(!sniffImageFormat("<!DOCTYPE html><html><script>alert(1)</script>"_ba));
        QVERIFY(!sniffImageFormat("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"_ba));
        QVERIFY(!sniffImageFormat("%PDF-1.7 ........"_ba));
        QVERIFY(!sniffImageFormat("\x89PNG"_ba)); // too short to tell
    }

    void dimensionsComeFromTheHeaders_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("png") << samples::encode(samples::picture(123, 45), "png") << 123 << 45;
        QTest::newRow("jpeg") << samples::encode(samples::picture(321, 123), "jpeg") << 321 << 123;
        QTest::newRow("gif") << samples::gif(77, 66) << 77 << 66;
        QTest::newRow("webp lossless")
            << samples::encode(samples::picture(99, 55), "webp", 100) << 99 << 55;
        QTest::newRow("webp lossy")
            << samples::encode(samples::picture(98, 54), "webp", 80) << 98 << 54;
        QTest::newRow("webp extended") << samples::webpWithExif(64, 48) << 64 << 48;
        QTest::newRow("jpeg with exif") << samples::jpegWithExif(64, 48, 1) << 64 << 48;
    }
    void dimensionsComeFromTheHeaders()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, width);
        QFETCH(int, height);
        auto info = probe(bytes);
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
        QCOMPARE(info->width, width);
        QCOMPARE(info->height, height);
    }

    void aSidewaysPhotoReportsItsUprightSize()
    {
        auto info = probe(samples::jpegWithExif(64, 48, 6));
        QVERIFY(info.ok());
        QCOMPARE(info->orientation, 6);
        QCOMPARE(info->displayWidth(), 48);
        QCOMPARE(info->displayHeight(), 64);
    }

    void aDecompressionBombIsRefusedFromItsHeader()
    {
        const QByteArray bomb = samples::pngBomb(100000, 100000);
        QVERIFY(bomb.size() < 10 * 1024);
        auto info = probe(bomb);
        QVERIFY(!info.ok());
        QCOMPARE(info.error().code, ErrorCode::PayloadTooLarge);
        // Within the pixel budget but one side absurdly long: refused too.
        QVERIFY(!probe(samples::pngBomb(1'000'000, 1)).ok());
    }

    void brokenHeadersAreNotImages()
    {
        QByteArray png = samples::encode(samples::picture(8, 8), "png");
        png[12] = 'X'; // IHDR is no longer first
        QCOMPARE(probe(png).error().code, ErrorCode::UnsupportedMediaType);
        QCOMPARE(probe("\xFF\xD8\xFF\xD9 and nothing more"_ba).error().code,
                 ErrorCode::UnsupportedMediaType);
    }

    void jpegLosesExifAndCommentsButKeepsOrientation()
    {
        const QByteArray original = samples::jpegWithExif(64, 48, 6);
        QVERIFY(original.contains(samples::kSecret));
        const QByteArray clean = stripped(original);
        QVERIFY(!clean.isEmpty());
        QVERIFY(!clean.contains(samples::kSecret));
        auto info = probe(clean);
        QVERIFY(info.ok());
        QCOMPARE(info->orientation, 6);
        QImage decoded = QImage::fromData(clean, "jpeg");
        QCOMPARE(decoded.size(), QSize(64, 48));
    }

    void pngLosesTextAndTrailers()
    {
        const QByteArray withText = samples::pngWithText(20, 10);
        QVERIFY(withText.contains(samples::kSecret));
        const QByteArray clean = stripped(withText);
        QVERIFY(!clean.contains(samples::kSecret));
        QCOMPARE(QImage::fromData(clean, "png").size(), QSize(20, 10));

        const QByteArray polyglot = samples::pngHtmlPolyglot();
        const QByteArray cleanPolyglot = stripped(polyglot);
        QVERIFY(!cleanPolyglot.contains("<script"));
        QVERIFY(cleanPolyglot.endsWith("IEND\xAE\x42\x60\x82"_ba));
    }

    void gifLosesComments()
    {
        const QByteArray gif = samples::gifWithComment(16, 12);
        QVERIFY(gif.contains(samples::kSecret));
        const QByteArray clean = stripped(gif);
        QVERIFY(!clean.isEmpty());
        QVERIFY(!clean.contains(samples::kSecret));
        QCOMPARE(QImage::fromData(clean, "gif").size(), QSize(16, 12));
    }

    void webpLosesExif()
    {
        const QByteArray webp = samples::webpWithExif(32, 24);
        QVERIFY(webp.contains(samples::kSecret));
        const QByteArray clean = stripped(webp);
        QVERIFY(!clean.isEmpty());
        QVERIFY(!clean.contains(samples::kSecret));
        QVERIFY(!clean.contains("EXIF"));
        QCOMPARE(quint8(clean[20]) & 0x08, 0); // VP8X no longer announces EXIF
        QCOMPARE(QImage::fromData(clean, "webp").size(), QSize(32, 24));
    }

    void thumbnailsAreSmallAndUpright()
    {
        const QByteArray photo = samples::jpegWithExif(1200, 900, 6);
        QBuffer buffer;
        buffer.setData(photo);
        buffer.open(QIODevice::ReadOnly);
        auto info = probe(photo);
        QVERIFY(info.ok());
        auto thumbnail = makeThumbnail(buffer, info.value(), 64);
        QVERIFY(thumbnail.ok());
        QCOMPARE(thumbnail->format, ImageFormat::Jpeg);
        QCOMPARE(QSize(thumbnail->width, thumbnail->height), QSize(240, 320));
        QVERIFY(!thumbnail->bytes.contains(samples::kSecret));
    }

    void processingStoresTheCleanFileAndAThumbnail_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("png") << samples::pngWithText(50, 40);
        QTest::newRow("jpeg") << samples::jpegWithExif(50, 40, 1);
        QTest::newRow("gif") << samples::gifWithComment(50, 40);
        QTest::newRow("webp") << samples::webpWithExif(50, 40);
    }
    void processingStoresTheCleanFileAndAThumbnail()
    {
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        LocalFileStore store(dir.path() + u"/uploads"_s);
        const QString received = dir.path() + u"/received"_s;
        QFile file(received);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        const QUuid id = QUuid::createUuid();
        auto processed = processUpload(received, id, store, {});
        QVERIFY2(processed.ok(),
                 qPrintable(processed.ok() ? QString() : processed.error().message));
        QCOMPARE(processed->info.width, 50);
        QVERIFY(!QFile::exists(received));
        auto stored = store.open(fileKey(id));
        QVERIFY(stored);
        QVERIFY(!stored->readAll().contains(samples::kSecret));
        auto thumbnail = store.open(thumbnailKey(id));
        QVERIFY(thumbnail);
        QCOMPARE(QImage::fromData(thumbnail->readAll()).size(), QSize(50, 40));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty()); // no scratch files left
    }

    void clientThumbnailsAreChecked()
    {
        const ImageInfo original{ImageFormat::Png, 1000, 500, 1};
        auto fine = checkClientThumbnail(samples::encode(samples::picture(320, 160, true), "png"),
                                         original);
        QVERIFY2(fine.ok(), qPrintable(fine.ok() ? QString() : fine.error().message));
        QCOMPARE(fine->format, ImageFormat::Png); // transparency kept
        QCOMPARE(checkClientThumbnail(samples::encode(samples::picture(640, 320), "png"), original)
                     .error()
                     .code,
                 ErrorCode::ValidationFailed);
        QCOMPARE(checkClientThumbnail(samples::encode(samples::picture(200, 200), "png"), original)
                     .error()
                     .code,
                 ErrorCode::ValidationFailed);
        QCOMPARE(checkClientThumbnail("<html></html>......"_ba, original).error().code,
                 ErrorCode::UnsupportedMediaType);
    }
};

QTEST_GUILESS_MAIN(TestImageFiles)
#include "tst_imagefiles.moc"
