// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/attachment.h"
#include "natter/message.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>
#include <QUrl>

namespace natter::desktop {

class ApiClient;
class Transfer;
class TransferClient;
namespace imageprep {
struct PreparedImage;
}

//! The images attached to the message being written, shown above the composer. Each one is
//! checked and its thumbnail made (QImage) as it comes in, then uploads at once with its
//! progress; removing it cancels its upload. Sending waits for none: it is refused, with a
//! sentence, while an upload still runs, as the web app does.
class AttachmentDraft final : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached through the Session singleton")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool uploading READ uploading NOTIFY stateChanged)
    Q_PROPERTY(bool hasReady READ hasReady NOTIFY stateChanged)
    //! Why the last image could not be added, or the last send failed.
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    enum Role
    {
        KeyRole = Qt::UserRole + 1,
        NameRole,
        PreviewRole,
        ProgressRole,
        StateRole,
        ErrorTextRole,
        WidthRole,
        HeightRole,
    };
    Q_ENUM(Role)
    enum class State
    {
        Uploading,
        Ready,
        Failed
    };
    Q_ENUM(State)

    //! As the web app and the contract: at most ten images on one message.
    static constexpr int kMaxImages = 10;

    AttachmentDraft(ApiClient *api, TransferClient *transfers, const QString &scratchDir,
                    QObject *parent = nullptr);
    ~AttachmentDraft() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return int(m_items.size()); }
    [[nodiscard]] bool uploading() const;
    [[nodiscard]] bool hasReady() const;
    [[nodiscard]] QString errorText() const { return m_errorText; }

    //! Files picked in the dialog or dropped on the conversation (`file:` URLs).
    Q_INVOKABLE void addFiles(const QList<QUrl> &urls);
    //! Takes the clipboard's image when it holds one (a screenshot); false when it holds
    //! none, so the composer pastes text as usual.
    Q_INVOKABLE bool pasteFromClipboard();
    Q_INVOKABLE void remove(const QString &key);
    Q_INVOKABLE void clear();

    //! Adds an image held in memory (the clipboard's, or a test's).
    void addImage(const QByteArray &bytes, const QString &name);
    //! Sends `text` with the ready images into `conversationId` (one POST with
    //! `attachment_ids`); false, with errorText, when an upload still runs or none is ready.
    //! `fields`: more of the send's body (`reply_to_id`, #12).
    bool send(const QUuid &conversationId, const QString &text, const QJsonObject &fields = {});

Q_SIGNALS:
    void countChanged();
    void stateChanged();
    void errorTextChanged();
    //! The server stored the message: for the timeline, through its one way in.
    void sent(const natter::Message &message);

private:
    struct Item
    {
        QString key;
        QString name;
        QUrl preview;
        qreal progress = 0;
        State state = State::Uploading;
        QString error;
        int width = 0;
        int height = 0;
        QByteArray thumbnail;
        QByteArray thumbnailType;
        QPointer<Transfer> transfer;
        std::optional<Attachment> attachment;
    };

    //! A checked image (a file or a paste) joins the draft and starts uploading.
    void appendPrepared(const imageprep::PreparedImage &prepared);
    void append(Item item, const QByteArray &bytes, const QByteArray &contentType);
    void upload(const QString &key, const QByteArray &bytes, const QByteArray &contentType);
    void uploadThumbnail(const Attachment &attachment, const Item &item);
    [[nodiscard]] int rowOf(const QString &key) const;
    void changed(const QString &key);
    void setError(const QString &text);
    [[nodiscard]] QUrl keepForPreview(const QByteArray &bytes, const QString &key) const;

    ApiClient *m_api;
    TransferClient *m_transfers;
    QString m_scratchDir;
    QList<Item> m_items;
    QString m_errorText;
    bool m_sending = false;
};

} // namespace natter::desktop
