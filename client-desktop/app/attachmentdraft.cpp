// SPDX-License-Identifier: Apache-2.0
#include "app/attachmentdraft.h"

#include "api/apiclient.h"
#include "api/transferclient.h"
#include "media/imageprep.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QMimeData>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

//! The server's answer to an upload, in the words of the web app (uploadErrorText).
QString uploadErrorText(const ApiError &error)
{
    switch (error.code) {
    case ErrorCode::PayloadTooLarge:
        return imageprep::tooLargeText();
    case ErrorCode::UnsupportedMediaType:
        return imageprep::unsupportedText();
    case ErrorCode::RateLimited:
        return u"Too many uploads at once; try again in a moment."_s;
    case ErrorCode::Unavailable:
        return u"The upload did not reach the server."_s;
    default:
        return error.message;
    }
}

} // namespace

AttachmentDraft::AttachmentDraft(ApiClient *api, TransferClient *transfers,
                                 const QString &scratchDir, QObject *parent)
    : QAbstractListModel(parent), m_api(api), m_transfers(transfers), m_scratchDir(scratchDir)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &AttachmentDraft::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &AttachmentDraft::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &AttachmentDraft::countChanged);
}

AttachmentDraft::~AttachmentDraft()
{
    for (const Item &item : std::as_const(m_items)) {
        if (item.transfer)
            item.transfer->cancel();
    }
}

int AttachmentDraft::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QHash<int, QByteArray> AttachmentDraft::roleNames() const
{
    return {{KeyRole, "key"},           {NameRole, "name"},         {PreviewRole, "preview"},
            {ProgressRole, "progress"}, {StateRole, "uploadState"}, {ErrorTextRole, "errorText"},
            {WidthRole, "imageWidth"},  {HeightRole, "imageHeight"}};
}

QVariant AttachmentDraft::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    switch (role) {
    case KeyRole:
        return item.key;
    case Qt::DisplayRole:
    case NameRole:
        return item.name;
    case PreviewRole:
        return item.preview;
    case ProgressRole:
        return item.progress;
    case StateRole:
        return int(item.state);
    case ErrorTextRole:
        return item.error;
    case WidthRole:
        return item.width;
    case HeightRole:
        return item.height;
    default:
        return {};
    }
}

bool AttachmentDraft::uploading() const
{
    return std::any_of(m_items.cbegin(), m_items.cend(),
                       [](const Item &item) { return item.state == State::Uploading; });
}

bool AttachmentDraft::hasReady() const
{
    return std::any_of(m_items.cbegin(), m_items.cend(),
                       [](const Item &item) { return item.state == State::Ready; });
}

void AttachmentDraft::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

int AttachmentDraft::rowOf(const QString &key) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).key == key)
            return row;
    }
    return -1;
}

void AttachmentDraft::changed(const QString &key)
{
    const int row = rowOf(key);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT stateChanged();
}

QUrl AttachmentDraft::keepForPreview(const QByteArray &bytes, const QString &key) const
{
    // The preview is the thumbnail, as a file the QML Image reads like any other.
    QDir().mkpath(m_scratchDir);
    const QString path = m_scratchDir + u'/' + key;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return QUrl::fromLocalFile(path);
}

void AttachmentDraft::addFiles(const QList<QUrl> &urls)
{
    setError({});
    for (const QUrl &url : urls) {
        if (!url.isLocalFile())
            continue;
        auto prepared = imageprep::fromFile(url.toLocalFile());
        if (!prepared) {
            setError(u"%1: %2"_s.arg(url.fileName(), prepared.error().message));
            continue;
        }
        appendPrepared(*prepared);
    }
}

void AttachmentDraft::addImage(const QByteArray &bytes, const QString &name)
{
    setError({});
    auto prepared = imageprep::fromBytes(bytes, name);
    if (!prepared) {
        setError(prepared.error().message);
        return;
    }
    appendPrepared(*prepared);
}

void AttachmentDraft::appendPrepared(const imageprep::PreparedImage &prepared)
{
    Item item;
    item.name = prepared.name;
    item.width = prepared.size.width();
    item.height = prepared.size.height();
    item.thumbnail = prepared.thumbnail;
    item.thumbnailType = prepared.thumbnailType;
    append(std::move(item), prepared.bytes, prepared.contentType);
}

bool AttachmentDraft::pasteFromClipboard()
{
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    if (!data || !data->hasImage())
        return false;
    const auto image = qvariant_cast<QImage>(data->imageData());
    auto prepared = imageprep::fromImage(image, u"screenshot.png"_s);
    if (!prepared) {
        setError(prepared.error().message);
        return true;
    }
    addImage(prepared->bytes, prepared->name);
    return true;
}

void AttachmentDraft::append(Item item, const QByteArray &bytes, const QByteArray &contentType)
{
    if (m_items.size() >= kMaxImages) {
        setError(u"At most %1 images can go in one message."_s.arg(kMaxImages));
        return;
    }
    item.key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    item.preview = keepForPreview(item.thumbnail, item.key);
    const QString key = item.key;
    beginInsertRows({}, int(m_items.size()), int(m_items.size()));
    m_items.append(std::move(item));
    endInsertRows();
    Q_EMIT stateChanged();
    upload(key, bytes, contentType);
}

void AttachmentDraft::upload(const QString &key, const QByteArray &bytes,
                             const QByteArray &contentType)
{
    Transfer *transfer = m_transfers->uploadImage(
        bytes, contentType, m_items.at(rowOf(key)).name, this,
        [this, key](Result<QByteArray> answer) {
            const int row = rowOf(key);
            if (row < 0)
                return;
            Item &item = m_items[row];
            item.transfer = nullptr;
            auto attachment = answer
                                  ? Attachment::fromJson(QJsonDocument::fromJson(*answer).object())
                                  : Result<Attachment>(answer.error());
            if (!attachment) {
                item.state = State::Failed;
                item.error = uploadErrorText(attachment.error());
            } else {
                item.state = State::Ready;
                item.progress = 1;
                item.attachment = *attachment;
                uploadThumbnail(*attachment, item);
            }
            changed(key);
        });
    const int row = rowOf(key);
    m_items[row].transfer = transfer;
    connect(transfer, &Transfer::progress, this, [this, key](qint64 done, qint64 total) {
        const int row = rowOf(key);
        if (row < 0 || total <= 0 || m_items.at(row).state != State::Uploading)
            return;
        m_items[row].progress = qreal(done) / qreal(total);
        Q_EMIT dataChanged(index(row), index(row), {ProgressRole});
    });
}

void AttachmentDraft::uploadThumbnail(const Attachment &attachment, const Item &item)
{
    if (item.thumbnail.isEmpty())
        return;
    // The server made one already; ours replaces it when it passes the checks, and a refusal
    // changes nothing the user would see.
    m_transfers->uploadThumbnail(attachment.id, item.thumbnail, item.thumbnailType, this,
                                 [](const Result<QByteArray> &) {});
}

void AttachmentDraft::remove(const QString &key)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    if (m_items.at(row).transfer)
        m_items.at(row).transfer->cancel();
    QFile::remove(m_items.at(row).preview.toLocalFile());
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    Q_EMIT stateChanged();
}

void AttachmentDraft::clear()
{
    setError({});
    if (m_items.isEmpty())
        return;
    beginResetModel();
    for (const Item &item : std::as_const(m_items)) {
        if (item.transfer)
            item.transfer->cancel();
        QFile::remove(item.preview.toLocalFile());
    }
    m_items.clear();
    endResetModel();
    Q_EMIT stateChanged();
}

bool AttachmentDraft::send(const QUuid &conversationId, const QString &text,
                           const QJsonObject &fields)
{
    if (uploading()) {
        setError(u"Wait until the images have uploaded."_s);
        return false;
    }
    QList<QUuid> ids;
    for (const Item &item : std::as_const(m_items)) {
        if (item.state == State::Ready && item.attachment)
            ids.append(item.attachment->id);
    }
    if (ids.isEmpty()) {
        setError(u"None of the images could be uploaded; remove them to send the text."_s);
        return false;
    }
    if (m_sending)
        return false;
    m_sending = true;
    setError({});
    QJsonArray attachmentIds;
    for (const QUuid &id : std::as_const(ids))
        attachmentIds.append(id.toString(QUuid::WithoutBraces));
    QJsonObject sendFields = fields;
    sendFields.insert(u"attachment_ids"_s, attachmentIds);
    m_api->sendMessageWith(conversationId, text, QUuid::createUuid().toString(QUuid::WithoutBraces),
                           sendFields, this, [this](Result<QJsonObject> answer) {
                               m_sending = false;
                               auto message = answer ? Message::fromJson(*answer)
                                                     : Result<Message>(answer.error());
                               if (!message) {
                                   setError(message.error().message);
                                   return;
                               }
                               clear();
                               Q_EMIT sent(*message);
                           });
    // The text stays in the composer until the server has the message: a failure must not
    // lose what was written.
    return false;
}

} // namespace natter::desktop
