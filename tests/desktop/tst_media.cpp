// SPDX-License-Identifier: Apache-2.0
// Images before they leave the desktop app (#13) and reading invite links (#14), without a
// server: what a person is told about a file, the thumbnail the contract asks for, the
// avatar's square, and which pasted texts hold an invite code.
#include "app/invitecontroller.h"
#include "media/imageprep.h"

#include <QBuffer>
#include <QImageReader>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;

namespace {

QImage picture(int width, int height, bool transparent = false)
{
    QImage image(width, height, transparent ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    image.fill(transparent ? Qt::transparent : Qt::white);
    QPainter painter(&image);
    painter.fillRect(QRect(0, 0, width / 2, height / 2), Qt::darkBlue);
    painter.fillRect(QRect(width / 2, height / 2, width / 2, height / 2), Qt::red);
    return image;
}

QByteArray encoded(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

QSize sizeOf(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return QImageReader(&buffer).size();
}

} // namespace

class TestMedia : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thumbnailKeepsProportionsWithin320()
    {
        auto prepared = imageprep::fromBytes(encoded(picture(1600, 900), "png"), u"wide.png"_s);
        QVERIFY(prepared);
        QCOMPARE(prepared->contentType, "image/png"_ba);
        QCOMPARE(prepared->size, QSize(1600, 900));
        QCOMPARE(prepared->thumbnailType, "image/jpeg"_ba);
        const QSize thumbnail = sizeOf(prepared->thumbnail);
        QCOMPARE(thumbnail.width(), 320);
        QCOMPARE(thumbnail.height(), 180);
    }

    void smallImagesKeepTheirSizeAndTransparency()
    {
        auto prepared =
            imageprep::fromBytes(encoded(picture(100, 60, true), "png"), u"small.png"_s);
        QVERIFY(prepared);
        QCOMPARE(prepared->thumbnailType, "image/png"_ba);
        QCOMPARE(sizeOf(prepared->thumbnail), QSize(100, 60));
    }

    void typeComesFromTheBytesNotTheName()
    {
        auto png = imageprep::fromBytes(encoded(picture(40, 40), "png"), u"photo.jpg"_s);
        QVERIFY(png);
        QCOMPARE(png->contentType, "image/png"_ba);
        QCOMPARE(png->name, u"photo.jpg"_s);

        auto html = imageprep::fromBytes("<html><script>alert(1)</script></html>"_ba, u"cat.png"_s);
        QVERIFY(!html);
        QCOMPARE(html.error().message, imageprep::unsupportedText());

        // A format Qt reads but the server does not take.
        auto bmp = imageprep::fromBytes(encoded(picture(40, 40), "bmp"), u"old.bmp"_s);
        QVERIFY(!bmp);
        QCOMPARE(bmp.error().message, imageprep::unsupportedText());
    }

    void tooLargeIsSaidBeforeReadingTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"huge.png"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(encoded(picture(10, 10), "png"));
        QVERIFY(file.resize(imageprep::kMaxUploadBytes + 1));
        file.close();
        auto prepared = imageprep::fromFile(path);
        QVERIFY(!prepared);
        QCOMPARE(prepared.error().code, ErrorCode::PayloadTooLarge);
        QCOMPARE(prepared.error().message, u"This image is too large (at most 10 MB)."_s);
    }

    void avatarIsTheCentredSquare()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"me.jpg"_s);
        QVERIFY(picture(1200, 600).save(path, "JPEG"));
        auto square = imageprep::squareAvatar(path);
        QVERIFY(square);
        QCOMPARE(sizeOf(*square), QSize(512, 512));

        QVERIFY(!imageprep::squareAvatar(dir.filePath(u"missing.png"_s)));
    }

    void inviteCodesInWhatPeoplePaste_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        const QString code = u"Ab3_-xYz0123456789abcdefghijKLMN"_s;
        QTest::newRow("web link") << u"https://chat.example.org/invite/"_s + code << code;
        QTest::newRow("trailing slash, query")
            << u"https://chat.example.org/invite/"_s + code + u"/?from=mail"_s << code;
        QTest::newRow("under a path, spaces around")
            << u"  http://localhost:8080/natter/invite/"_s + code + u"\n"_s << code;
        QTest::newRow("natter URL") << u"natter://invite/"_s + code << code;
        QTest::newRow("natter URL without slashes") << u"natter:invite/"_s + code << code;
        QTest::newRow("the code alone") << code << code;
        QTest::newRow("another page") << u"https://chat.example.org/login"_s << QString();
        QTest::newRow("a sentence") << u"join us!"_s << QString();
        QTest::newRow("script in the code") << u"https://x.org/invite/<script>"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void inviteCodesInWhatPeoplePaste()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QCOMPARE(InviteController::codeFrom(text), code);
    }
};

QTEST_GUILESS_MAIN(TestMedia)
#include "tst_media.moc"
