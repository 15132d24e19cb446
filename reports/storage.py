"""Private storage for generated documents: never under MEDIA_URL, served only through a permission view."""

import os
import tempfile

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import LazyObject


class AtomicOverwriteStorage(FileSystemStorage):
    """Writes to a temporary file and renames it into place.

    A worker killed while writing leaves no half file under the real name, and writing the same name
    again replaces the file (a job rendered twice still has exactly one file).
    """

    def get_available_name(self, name, max_length=None):
        return name

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        fd, tmp_path = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as tmp:
                for chunk in content.chunks():
                    tmp.write(chunk)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.chmod(tmp_path, 0o640)
            os.replace(tmp_path, full_path)
        except BaseException:
            if os.path.exists(tmp_path):
                os.unlink(tmp_path)
            raise
        return name


class PrivateStorage(LazyObject):
    def _setup(self):
        if "private" in settings.STORAGES:
            self._wrapped = storages["private"]
        else:
            self._wrapped = AtomicOverwriteStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = PrivateStorage()


def get_private_storage():
    """Callable for FileField(storage=...): migrations then refer to this function, not to a location."""
    return private_storage
