// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/uploadrepository.h"
#include "http/apicontext.h"
#include "http/httpreply.h"
#include "http/httprequest.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QTimer>
#include <QUuid>

#include <functional>

class QTcpSocket;

namespace natter::server::uploads {

class UploadIntake;

//! One streamed upload request, read off the socket as it arrives: who sends it (bearer
//! token, 401 before a byte of body is read), how much (Content-Length past the cap: 413 at
//! once; a body never read past it), what (the first bytes must be an image's: 415 at once),
//! straight into a scratch file; a client that stalls is dropped (408). Then the file is
//! checked and stored off the socket's thread and the answer is written, with the request id,
//! access log line and metrics every response gets. The connection closes after the answer.
//! A child of its socket.
class UploadConnection final : public QObject
{
public:
    UploadConnection(QTcpSocket *socket, UploadIntake &intake);
    ~UploadConnection() override;

private:
    enum class Phase
    {
        Head,        //!< the request head is still in the socket
        Authorizing, //!< asking whether the caller may send this body at all
        Body,        //!< m_remaining bytes of body still to come
        Processing,  //!< the body is in; checking and storing
        Answered,    //!< draining until closed
    };
    enum class Kind
    {
        Upload,      //!< POST /api/v1/uploads
        Thumbnail,   //!< POST /api/v1/uploads/{id}/thumbnail
        Avatar,      //!< PUT /api/v1/users/me/avatar
        GroupAvatar, //!< PUT /api/v1/conversations/{id}/avatar
    };
    //! What becomes of a checked picture, stored as `row`: recorded for `caller` in one
    //! transaction, answered with the route's JSON. On an error its files are removed.
    using AvatarRecorder = std::function<Result<QJsonObject>(QSqlDatabase &db, const User &caller,
                                                             const UploadRow &row)>;

    void onReadyRead();
    void readHead();
    void begin();
    void authorizeGroupPicture();
    void startBody();
    void readBody();
    void finishBody();
    void processUpload();
    //! A user's or a group's picture: the same checks as any upload, served small.
    void processAvatar(Caller callerKind, AvatarRecorder record);
    void processThumbnail();
    void onStall();
    void answer(const HttpReply &reply);
    void answerError(const ApiError &error);

    QTcpSocket *m_socket;
    UploadIntake &m_intake;
    Phase m_phase = Phase::Head;
    Kind m_kind = Kind::Upload;
    HttpRequest m_request;
    QUuid m_callerId;
    QUuid m_targetId; //!< the upload whose thumbnail this is, or the group whose picture
    qint64 m_remaining = 0;
    qint64 m_received = 0;
    bool m_sniffed = false;
    QByteArray m_firstBytes;
    QFile m_file;
    QTimer m_stall;
    QElapsedTimer m_timer;
};

} // namespace natter::server::uploads
