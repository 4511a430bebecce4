// SPDX-License-Identifier: Apache-2.0
#include "ui/imageprovider.h"

#include "media/imagecache.h"

#include <QImageReader>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

//! Carries the cache's answer (on the GUI thread) to the response (on the image thread): a
//! queued connection, dropped by Qt when the response was cancelled and deleted.
class CacheAnswer final : public QObject
{
    Q_OBJECT

Q_SIGNALS:
    void answered(const QString &file, const QString &error);
};

QImage circleOf(const QImage &image)
{
    const int side = std::min(image.width(), image.height());
    QImage round(side, side, QImage::Format_ARGB32_Premultiplied);
    round.fill(Qt::transparent);
    QPainter painter(&round);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    QPainterPath circle;
    circle.addEllipse(QRectF(0, 0, side, side));
    painter.setClipPath(circle);
    painter.drawImage(QPoint(0, 0), image,
                      QRect((image.width() - side) / 2, (image.height() - side) / 2, side, side));
    return round;
}

class CachedImageResponse final : public QQuickImageResponse
{
    Q_OBJECT

public:
    CachedImageResponse(const QSize &requestedSize, bool circle)
        : m_requestedSize(requestedSize), m_circle(circle)
    {}

    QQuickTextureFactory *textureFactory() const override
    {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return m_error; }

    void answer(const QString &file, const QString &error)
    {
        if (error.isEmpty()) {
            QImageReader reader(file);
            reader.setAutoTransform(true);
            const QSize size = reader.size();
            if (m_requestedSize.isValid() && size.isValid() &&
                (size.width() > m_requestedSize.width() ||
                 size.height() > m_requestedSize.height()))
                reader.setScaledSize(size.scaled(m_requestedSize, Qt::KeepAspectRatio));
            m_image = reader.read();
            if (m_image.isNull())
                m_error = u"The image cannot be shown."_s;
            else if (m_circle)
                m_image = circleOf(m_image);
        } else {
            m_error = error;
        }
        Q_EMIT finished();
    }

private:
    QSize m_requestedSize;
    bool m_circle;
    QImage m_image;
    QString m_error;
};

} // namespace

CachedImageProvider::CachedImageProvider(ImageCache *cache, Shape shape)
    : m_cache(cache), m_shape(shape)
{}

QQuickImageResponse *CachedImageProvider::requestImageResponse(const QString &id,
                                                               const QSize &requestedSize)
{
    auto *response = new CachedImageResponse(requestedSize, m_shape == Shape::Circle);
    ImageCache *cache = m_cache;
    if (!cache) {
        response->answer({}, u"The app is closing."_s);
        return response;
    }
    auto *carrier = new CacheAnswer;
    carrier->moveToThread(cache->thread());
    QObject::connect(carrier, &CacheAnswer::answered, response, &CachedImageResponse::answer,
                     Qt::QueuedConnection);
    const QString serverPath = u'/' + id;
    QMetaObject::invokeMethod(
        cache,
        [cache, carrier, serverPath] {
            cache->fetch(serverPath, carrier, [carrier](const Result<QString> &file) {
                Q_EMIT carrier->answered(file ? *file : QString(),
                                         file ? QString() : file.error().message);
                carrier->deleteLater();
            });
        },
        Qt::QueuedConnection);
    return response;
}

} // namespace natter::desktop

#include "imageprovider.moc"
