// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QQuickAsyncImageProvider>

namespace natter::desktop {

class ImageCache;

//! `image://natter/api/v1/uploads/{id}/thumbnail` and the like: server images for QML,
//! fetched with the user's token through the ImageCache (a plain `Image { source: "http…" }`
//! would send no token). Decoded off the GUI thread, scaled while decoding to the size asked.
//! Registered twice: `natter` (as is) and `natter-round` (avatars).
class CachedImageProvider final : public QQuickAsyncImageProvider
{
public:
    enum class Shape
    {
        AsIs,
        //! The centred square, cut to a circle (avatars: QML has no cheap round clip).
        Circle
    };
    explicit CachedImageProvider(ImageCache *cache, Shape shape = Shape::AsIs);

    QQuickImageResponse *requestImageResponse(const QString &id,
                                              const QSize &requestedSize) override;

private:
    QPointer<ImageCache> m_cache;
    Shape m_shape;
};

} // namespace natter::desktop
